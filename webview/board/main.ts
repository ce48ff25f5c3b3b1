// Entry point of the board webview bundle (dist/webview/board.js).
// First: puts the display language's texts in place before any module builds one.
import '../l10n';
import { BoardApp, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const app = new BoardApp(document.getElementById('app') ?? document.body, acquireVsCodeApi());
window.addEventListener('message', (e: MessageEvent) => app.onMessage(e.data));
// Benchmarks and end-to-end checks drive the same instance.
(window as unknown as { __board?: BoardApp }).__board = app;
app.start();
