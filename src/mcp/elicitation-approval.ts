/**
 * Human approval over MCP: when the editor's client supports elicitation, its user is asked (approve yes/no);
 * otherwise the approval policy decides (sre.yaml / --approve), since stdin belongs to the protocol.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DEFAULTS } from '../constants.js';
import { describeError } from '../errors.js';
import type { ApprovalHook } from './server.js';

/** Whether the connected client said it can answer form elicitations (an empty object means form, per the spec). */
export function clientSupportsElicitation(server: McpServer): boolean {
  const elicitation = server.server.getClientCapabilities()?.elicitation as Record<string, unknown> | undefined;
  if (!elicitation) return false;
  return Object.keys(elicitation).length === 0 || Boolean(elicitation.form);
}

/** An approval hook that asks the MCP client's user, falling back to `policy` when the client cannot be asked. */
export function createElicitationApproval(getServer: () => McpServer, policy: ApprovalHook, timeoutMs: number = DEFAULTS.approvalTimeoutMs): ApprovalHook {
  return async (request) => {
    const server = getServer();
    if (!clientSupportsElicitation(server)) return policy(request);
    try {
      const result = await server.server.elicitInput(
        {
          mode: 'form',
          message: `sre-agent asks for approval: ${request.reason}.\n${request.tool} ${JSON.stringify(request.input)}\nApprove this action?`,
          requestedSchema: {
            type: 'object',
            properties: { approve: { type: 'boolean', title: 'Approve', description: `Run ${request.tool} (${request.reason})` } },
            required: ['approve'],
          },
        },
        { timeout: timeoutMs },
      );
      if (result.action === 'accept' && result.content?.approve === true) return { approved: true, note: 'approved by the MCP client user (elicitation)' };
      return { approved: false, note: result.action === 'cancel' ? 'the MCP client user cancelled the approval request (elicitation)' : 'declined by the MCP client user (elicitation)' };
    } catch (error) {
      return { approved: false, note: `approval could not be asked over MCP: ${describeError(error)}` };
    }
  };
}
