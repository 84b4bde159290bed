import { println } from '../cli-io';
import type { Command } from '../command';
import { checkToken, normaliseGatewayUrl, saveSettings } from '../gateway/config-store';
import { GatewayClient } from '../gateway/gateway-client';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress login --gateway URL --token TOKEN

Checks the API token against the gateway (the "viewer" query) and saves both for the other
gateway commands (run, runs, download) in config.json under $EDGEPRESS_CONFIG_DIR, else
~/.config/edgepress (readable by you only). EDGEPRESS_GATEWAY and EDGEPRESS_TOKEN override it.

  --gateway URL   the gateway's base URL, e.g. http://127.0.0.1:4000
  --token TOKEN   an API token of your team (ep_..., printed by "npm start" or createApiToken);
                  EDGEPRESS_TOKEN is used when the flag is left out`;

interface ViewerAnswer {
  viewer: { role: string; team: { slug: string; name: string }; token: { name: string; prefix: string } };
}

export const loginCommand: Command = {
  name: 'login',
  summary: 'check an API token against a gateway and save it for run, runs and download',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { gateway: { type: 'string' }, token: { type: 'string' } });
    if (positionals.length > 0) throw usageError(`Unexpected argument "${positionals[0]}"`);
    if (values.gateway === undefined) throw usageError('Expected --gateway URL');
    const token = values.token ?? process.env.EDGEPRESS_TOKEN;
    if (token === undefined) throw usageError('Expected --token TOKEN (or EDGEPRESS_TOKEN)');
    const settings = { gateway: normaliseGatewayUrl(values.gateway, '--gateway'), token: checkToken(token, '--token') };
    const { viewer } = await new GatewayClient(settings).graphql<ViewerAnswer>('query Viewer { viewer { role team { slug name } token { name prefix } } }');
    const file = await saveSettings(settings);
    println(io.stdout, `Logged in to ${settings.gateway} as team ${viewer.team.name} (${viewer.team.slug}), role ${viewer.role.toLowerCase()}, token "${viewer.token.name}"`);
    println(io.stdout, `Saved to ${file}`);
    return 0;
  },
};
