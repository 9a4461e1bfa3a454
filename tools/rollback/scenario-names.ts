/** The rollback scenarios: the seed's four (flag off, migration, git revert, blue/green switch back) plus canary weight 0. */
import { z } from 'zod';

export const RollbackScenario = z.enum(['feature_flag', 'blue_green', 'canary_weight_zero', 'git_revert', 'migration']);
export type RollbackScenario = z.infer<typeof RollbackScenario>;

/** Code rollbacks from fastest to slowest: the first applicable one is recommended. */
export const PREFERENCE: RollbackScenario[] = ['feature_flag', 'blue_green', 'canary_weight_zero', 'git_revert'];
