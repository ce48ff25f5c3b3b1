// Entry point of the Gantt webview bundle (dist/webview/gantt.js).
// First: puts the display language's texts in place before any module builds one.
import '../l10n';
import { GanttApp, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const app = new GanttApp(document.getElementById('app') ?? document.body, acquireVsCodeApi());
window.addEventListener('message', (e: MessageEvent) => app.onMessage(e.data));
// Benchmarks and end-to-end checks drive the same instance.
(window as unknown as { __gantt?: GanttApp }).__gantt = app;
app.start();
