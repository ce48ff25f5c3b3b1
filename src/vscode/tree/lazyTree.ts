// A tree view made at activation whose data provider comes later. The
// activation bundle (src/extension.ts) creates the Plan and My Tasks views
// with it, so VS Code has their providers from the start; the first time a
// view asks for children, `load` starts the extension host bundle, whose
// registerViews (tree/index.ts) attaches the real providers.
import * as vscode from 'vscode';

type Provider<T> = vscode.TreeDataProvider<T> & Required<Pick<vscode.TreeDataProvider<T>, 'getParent' | 'resolveTreeItem'>>;

export class LazyTree<T> implements Provider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<T>;
  private provider?: Provider<T>;
  private forwarding?: vscode.Disposable;

  constructor(viewId: string, options: Omit<vscode.TreeViewOptions<T>, 'treeDataProvider'>, private readonly load: () => void) {
    this.view = vscode.window.createTreeView(viewId, { ...options, treeDataProvider: this });
  }

  attach(provider: Provider<T>): void {
    this.provider = provider;
    this.forwarding = provider.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  private real(): Provider<T> {
    if (!this.provider) this.load();
    if (!this.provider) throw new Error(`the extension host attached no provider to ${this.view.title ?? 'a Waymark view'}`);
    return this.provider;
  }

  getChildren(node?: T): vscode.ProviderResult<T[]> {
    return this.real().getChildren(node);
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real().getTreeItem(node);
  }

  getParent(node: T): vscode.ProviderResult<T> {
    return this.real().getParent(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.real().resolveTreeItem(item, node, token);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
    this.view.dispose();
  }
}
