// Links between a chart's markers and the report sections below them on the same page.

/** The id of a report's section: fileIds are digits on Ofsted's site, but stored data is not trusted here. */
export function reportAnchor(fileId: string): string {
  return `report-${fileId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
