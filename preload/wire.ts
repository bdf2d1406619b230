/** The single IPC/WebSocket channel on which main pushes contract events. */
export const EVENT_CHANNEL = 'pos:event';

/** Web shell frames (JSON over the WebSocket). */
/** `requestId`: a state-changing call's id (see contract/channel.ts); absent on the others. */
export type WebRequestFrame = { id: number; channel: string; input: unknown; requestId?: string };
export type WebReplyFrame = { id: number; result: unknown };
/**
 * The answer to a frame the shell could not take as a request: INVALID_INPUT
 * under the id it carried (when it could be read) or null. A transport that
 * never sends such frames finds no call waiting under that id.
 */
export type WebRefusalFrame = { id: number | string | null; result: unknown };
export type WebEventFrame = { event: string; payload: unknown };

/** The query parameter / cookie that carries the web shell's per-start token. */
export const WEB_TOKEN_PARAM = 'token';
export const WEB_TOKEN_COOKIE = 'pos_token';
export const WEB_SOCKET_PATH = '/api';
/**
 * The query parameter with which the web transport names its page (one random
 * id per page load): a reconnect of the same page keeps its screen, and the
 * PIN-pad wait the page started (main/web/page-screens.ts).
 */
export const WEB_PAGE_PARAM = 'page';
