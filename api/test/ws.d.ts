// The `ws` package ships no types and @types/ws is not installed; graphql-ws only needs the constructor.
declare module 'ws' {
  const WebSocket: unknown;
  export default WebSocket;
}
