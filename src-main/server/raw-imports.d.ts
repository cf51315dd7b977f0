/** Vite's `?raw` imports: a file's text, bundled into the build. */
declare module '*?raw' {
  const text: string;
  export default text;
}
