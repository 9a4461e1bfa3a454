/** The docs domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { changelogUpdateTool } from './changelog-update.js';
import { deployDocUpdateTool } from './deploy-doc-update.js';
import { readmeFlagsUpdateTool } from './readme-flags-update.js';

export const docsTools: AnyToolModule[] = [changelogUpdateTool, readmeFlagsUpdateTool, deployDocUpdateTool];
