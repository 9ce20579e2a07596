// npm start: the demo shop with the companion server and the provider sandbox.
import { startDemo } from './server.js';

const demo = await startDemo({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
process.stdout.write(`\nDemo shop running at ${demo.url}\n  companion API: ${demo.url}/api/pay\n  payments admin: ${demo.url}/admin\n  sandbox:       ${demo.url}/sandbox\n\n`);
const stop = () => void demo.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
