/**
 * `npm start`: builds the client when it has not been built yet, then starts
 * the server (which migrates the database first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
if (!existsSync(path.join(root, 'client/dist/index.html'))) {
  console.log('Building the client (first start)…');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'client'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
await import('../server/main.ts');
