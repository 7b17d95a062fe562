import { readFileSync } from 'node:fs';

// Secrets (venue API keys, secrets) come from the environment or from files (Docker and
// Kubernetes secrets mount files), never from the command line, where `ps` shows them.

/**
 * The value of NAME, or the trimmed content of the file named by NAME_FILE. Undefined when
 * neither is set; an error when both are, or when the file cannot be read or is empty. Error
 * messages name the variable and the file, never the value.
 */
export function readSecret(env: NodeJS.ProcessEnv, name: string, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): string | undefined {
  const inline = env[name];
  const file = env[`${name}_FILE`];
  if (inline && file) throw new Error(`set ${name} or ${name}_FILE, not both`);
  if (file) {
    let value: string;
    try {
      value = readFile(file).trim();
    } catch (error) {
      throw new Error(`cannot read ${name}_FILE ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    if (!value) throw new Error(`${name}_FILE ${file} is empty`);
    return value;
  }
  const value = inline?.trim();
  return value ? value : undefined;
}

/** Removes secret variables from the process environment once read (child processes and dumps then never see them). */
export function scrubSecretEnv(env: NodeJS.ProcessEnv, names: readonly string[]): void {
  for (const name of names) {
    delete env[name];
  }
}
