/** The comms domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { notifyTeamTool } from './notify-team.js';

export const commsTools: AnyToolModule[] = [notifyTeamTool];
