/** Rule: production only after the same version was deployed healthy in staging. */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf } from './support/ledger-queries.js';
import { versionOf } from './support/production-exposure.js';

export const stagingDeployHealthyRule = productionGate(
  'staging-deploy-healthy',
  'Production only after the latest staging deploy_execute is healthy, for the version going to production',
  (action, state) => {
    const entry = latestOk(state.ledger, 'deploy_execute', 'staging');
    if (!entry) return 'no successful staging deploy_execute in this run; deploy to staging first';
    const output = outputOf(entry);
    if (output.healthy !== true) return `the latest staging deploy_execute (${entry.id}) is not healthy`;
    const version = versionOf(action, state);
    if (version !== null && typeof output.version === 'string' && output.version !== version) {
      return `staging runs ${output.version} (${entry.id}) but production would get ${version}; deploy ${version} to staging first`;
    }
    return null;
  },
);
