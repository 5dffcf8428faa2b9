// Just enough of a Dockerfile reader for the replay test: the instructions our Dockerfile uses, in the plain
// form it writes them. Anything else is an error, so the Dockerfile cannot drift out of what is replayed.

export type Step =
  | { kind: 'WORKDIR'; path: string }
  | { kind: 'COPY'; from: string | null; sources: string[]; dest: string }
  | { kind: 'RUN'; command: string }
  | { kind: 'ENV'; vars: Record<string, string> }
  | { kind: 'USER'; user: string };

export interface Stage {
  name: string;
  /** An image (started empty here) or an earlier stage's name. */
  from: string;
  steps: Step[];
}

/** Instructions that change nothing on disk or in the environment of later steps. */
const METADATA = new Set(['VOLUME', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'LABEL']);

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  // Join continuation lines; drop comments and blank lines.
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const [, instruction = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const op = instruction.toUpperCase();
    if (op === 'FROM') {
      const m = /^(\S+)\s+AS\s+(\S+)$/i.exec(rest);
      if (!m) throw new Error(`FROM without a stage name: ${line}`);
      stages.push({ from: m[1]!, name: m[2]!, steps: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${op} before any FROM`);
    if (METADATA.has(op)) continue;
    switch (op) {
      case 'WORKDIR':
        stage.steps.push({ kind: 'WORKDIR', path: rest });
        break;
      case 'RUN':
        if (rest.startsWith('[')) throw new Error(`exec-form RUN is not replayed: ${line}`);
        stage.steps.push({ kind: 'RUN', command: rest });
        break;
      case 'USER':
        stage.steps.push({ kind: 'USER', user: rest });
        break;
      case 'ENV':
        stage.steps.push({ kind: 'ENV', vars: parseEnv(rest) });
        break;
      case 'COPY': {
        const words = rest.split(/\s+/);
        let from: string | null = null;
        while (words[0]?.startsWith('--')) {
          const flag = words.shift()!;
          if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
          else if (!flag.startsWith('--chown=')) throw new Error(`COPY flag not replayed: ${flag}`);
        }
        if (words.length < 2 || words.some((w) => /[*?[]/.test(w))) throw new Error(`COPY form not replayed: ${line}`);
        const dest = words.pop()!;
        stage.steps.push({ kind: 'COPY', from, sources: words, dest });
        break;
      }
      default:
        throw new Error(`instruction not replayed: ${line}`);
    }
  }
  return stages;
}

/** `ENV A=b C="d e"`: key=value pairs, values optionally double-quoted. */
function parseEnv(rest: string): Record<string, string> {
  const vars: Record<string, string> = {};
  const pair = /\s*([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/y;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = pair.exec(rest))) {
    vars[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    end = pair.lastIndex;
  }
  if (end === 0 || rest.slice(end).trim() !== '') throw new Error(`ENV not understood (only key=value pairs are replayed): ${rest}`);
  return vars;
}
