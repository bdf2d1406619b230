/** A channel's wire name: `<domain>:<method>`. */
export function channelName(domain: string, method: string): string {
  return `${domain}:${method}`;
}
