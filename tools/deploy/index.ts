/** The deploy domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';

export const deployTools: AnyToolModule[] = [];
