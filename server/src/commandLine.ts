// The server as a command of its own (package.json `bin`): what it answers before any LSP starts.

export const usage = `Usage: policy-lens-server --stdio

The Policy Lens language server: key terms of Chinese policy texts in plain-text and Markdown
documents (hover, go to definition, highlights, semantic tokens). An editor starts it and speaks
LSP on its standard input and output (--stdio), or over --node-ipc, --socket=PORT or --pipe=NAME.

  --version  prints the version
  --help     prints this help
`;

export interface Answer {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}

/**
 * What the command answers to its arguments without starting the server, or undefined when an
 * editor starts it: vscode-languageserver takes its transport from the same arguments.
 */
export function commandLineAnswer(args: string[], version: () => string): Answer | undefined {
  if (args.includes('--version')) return { stdout: `${version()}\n`, exitCode: 0 };
  if (args.includes('--help')) return { stdout: usage, exitCode: 0 };
  if (args.some((arg) => /^--(?:stdio|node-ipc|socket|pipe)(?:=|$)/.test(arg))) return undefined;
  // Without a transport vscode-languageserver would throw; a person who typed the bare command gets the usage.
  return { stderr: usage, exitCode: 2 };
}
