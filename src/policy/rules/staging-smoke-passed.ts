/** Rule: production only after smoke tests passed in staging against the latest staging deploy. */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf, positionOf } from './support/ledger-queries.js';
import { versionOf } from './support/production-exposure.js';

export const stagingSmokePassedRule = productionGate(
  'staging-smoke-passed',
  'Production only after a staging smoke_test passed after the latest staging deploy',
  (action, state) => {
    const entry = latestOk(state.ledger, 'smoke_test', 'staging');
    if (!entry) return 'no successful staging smoke_test in this run; run smoke tests in staging first';
    const output = outputOf(entry);
    if (output.passed !== true) return `the latest staging smoke_test (${entry.id}) did not pass`;
    const deploy = latestOk(state.ledger, 'deploy_execute', 'staging');
    if (deploy && positionOf(state.ledger, deploy) > positionOf(state.ledger, entry)) {
      return `the staging smoke_test (${entry.id}) ran before the latest staging deploy (${deploy.id}); run it again`;
    }
    const version = versionOf(action, state);
    if (version !== null && typeof output.version === 'string' && output.version !== version) {
      return `the staging smoke_test (${entry.id}) tested ${output.version}, not ${version}`;
    }
    return null;
  },
);
