// One JSON object per line on stdout: what `kubectl logs` and every log shipper expect.
// Never bodies or message contents, only what happened.

export type LogFields = Record<string, string | number | boolean | null>;
export type Logger = (event: string, fields?: LogFields) => void;

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return (event, fields = {}) => {
    write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }) + '\n');
  };
}

export const silentLogger: Logger = () => {};
