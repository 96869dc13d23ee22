// The library's errors name its own options (loadMnist's dataDir); the command's users know
// its flags instead, so the CLI rewords those phrases before printing.

const PHRASES: [string, string][] = [
  ['Pass loadMnist the option dataDir (a folder', 'Provide the files with --data DIR (a folder'],
  ['(dataDir must be a folder', '(--data must be a folder'],
];

/** A library error message in the CLI's words. */
export function inCliWords(message: string): string {
  return PHRASES.reduce((m, [library, cli]) => m.replaceAll(library, cli), message);
}
