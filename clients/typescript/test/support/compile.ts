import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Where test programs are compiled: inside the package, so `@cexgw/client` resolves as for any user. */
export const BUILD_DIR = fileURLToPath(new URL('../.build/', import.meta.url));

/**
 * Type-checks and compiles TypeScript programs that use @cexgw/client (its built dist/), as a
 * user's project would; throws with the compiler's messages. Returns the .js path of each file.
 */
export function compilePrograms(files: readonly string[]): string[] {
  const outDir = join(BUILD_DIR, 'out');
  mkdirSync(outDir, { recursive: true });
  const program = ts.createProgram([...files], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    outDir,
    rootDir: join(files[0]!, '..'),
  });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => BUILD_DIR, getNewLine: () => '\n' };
    throw new Error(ts.formatDiagnostics(diagnostics, host));
  }
  return files.map((file) => join(outDir, basename(file).replace(/\.ts$/, '.js')));
}
