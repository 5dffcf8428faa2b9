// Just enough of the site's CSS, scripts and logo that a browser rendering a page gets 200s.

const ASSETS: Record<string, { type: string; body: string }> = {
  '/css/style.css': {
    type: 'text/css; charset=utf-8',
    body: 'body{font-family:Arial,Helvetica,sans-serif;margin:0}.container{max-width:960px;margin:0 auto;padding:0 15px}.nonvisual{position:absolute;left:-9999px}.timeline{list-style:none;padding:0}.cookie-banner{background:#f3f2f1;padding:10px 0}\n',
  },
  '/images/logo.svg': {
    type: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="0" y="30" font-size="28" font-family="Arial">Ofsted</text></svg>\n',
  },
};

export function staticAsset(path: string): { type: string; body: string } | undefined {
  if (ASSETS[path]) return ASSETS[path];
  if (/^\/js\/[\w.-]+\.js$/.test(path)) return { type: 'application/javascript; charset=utf-8', body: '/* site script */\n' };
  return undefined;
}
