/** The deploy domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { backupCreateTool } from './backup-create.js';

export const deployTools: AnyToolModule[] = [
  backupCreateTool,
];
