// npm start: builds the element, then runs the demo shop on 127.0.0.1:$PORT (default 3000).
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const demo = spawnSync(process.execPath, ['--import', 'tsx', 'demo/main.ts'], { cwd: root, stdio: 'inherit' });
process.exit(demo.status ?? 0);
