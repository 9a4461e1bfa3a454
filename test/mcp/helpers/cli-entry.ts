/** Run the CLI from source (tests spawn `node --import tsx test/mcp/helpers/cli-entry.ts ARGS`, no build needed). */
import { main } from '../../../src/cli/main.js';

await main(process.argv);
