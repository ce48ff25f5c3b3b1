// Entry point of the board webview bundle (dist/webview/board.js).
import { BoardApp, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const app = new BoardApp(document.getElementById('app') ?? document.body, acquireVsCodeApi());
window.addEventListener('message', (e: MessageEvent) => app.onMessage(e.data));
// Benchmarks and end-to-end checks drive the same instance.
(window as unknown as { __board?: BoardApp }).__board = app;
app.start();
