/** The contract's names, baked into the web build by main/web/vite.config.ts. */
declare module 'virtual:pos-api-shape' {
  import type { ApiShape } from './api';
  const shape: ApiShape;
  export default shape;
}
