/** Reads a secret from stdin: silently from a terminal prompt, or the whole of piped input. Never from argv. */

export async function readSecretFromStdin(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  output.write(prompt);
  // Loaded only for a prompt: most runs pipe the key in, and loading readline costs every command.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input, output, terminal: true });
  // Swallow echo: the key must not appear on screen or in scrollback.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  output.write('\n');
  return answer.trim();
}
