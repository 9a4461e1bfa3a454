/**
 * A stand-in engine for the SIGKILL test: deploys 1.3.0 to staging with the local driver, switches to it, turns the
 * release flag on, prints READY and waits to be killed. Args: <config JSON> <configDir> <outDir>.
 */
import { flagsSetTool } from '../../../tools/deploy/flags-set.js';
import { getDriver } from '../../../tools/deploy/get-driver.js';
import { makeToolContext } from '../../helpers/tool-context.js';

const [configJson, configDir, outDir] = process.argv.slice(2);
const ctx = { ...makeToolContext({ config: JSON.parse(configJson!), configDir }), outDir: outDir! };
const driver = getDriver(ctx);
await driver.deploy('staging', '1.3.0', { signal: ctx.signal });
await driver.switchTo('staging', '1.3.0', { signal: ctx.signal });
await flagsSetTool.handler({ environment: 'staging', flag: 'new-endpoint', percent: 100 }, ctx);
console.log('READY');
setInterval(() => undefined, 60_000);
