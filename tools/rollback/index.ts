/** The rollback domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';

export const rollbackTools: AnyToolModule[] = [];
