// Every command id Waymark registers, in one typed list. Registrations,
// executeCommand calls, tree items and code lenses use these constants, never
// a string literal; test/unit/commands.test.ts checks the list against
// package.json's contributes.commands. Pure (no `vscode`), so plain Node reads it.

/** The commands package.json contributes (palette, menus, keybindings). */
export const COMMANDS = {
  createProjectFile: 'waymark.createProjectFile',
  refresh: 'waymark.refresh',
  openGantt: 'waymark.openGantt',
  openBoard: 'waymark.openBoard',
  setStatus: 'waymark.setStatus',
  assign: 'waymark.assign',
  setEstimate: 'waymark.setEstimate',
  editDates: 'waymark.editDates',
  addTask: 'waymark.addTask',
  moveTask: 'waymark.moveTask',
  removeTask: 'waymark.removeTask',
  revealInFile: 'waymark.revealInFile',
  showLinkedCommits: 'waymark.showLinkedCommits',
  acceptDerivedStatus: 'waymark.acceptDerivedStatus',
  startWork: 'waymark.startWork',
  filter: 'waymark.filter',
  clearFilter: 'waymark.clearFilter',
  groupBy: 'waymark.groupBy',
  openTask: 'waymark.openTask',
  showFirstProblem: 'waymark.showFirstProblem',
  generatePostmortem: 'waymark.generatePostmortem',
  generateStatusReport: 'waymark.generateStatusReport',
  showSprintBurndown: 'waymark.showSprintBurndown',
  readFormat: 'waymark.readFormat',
} as const;

/** Hooks for the in-host tests: registered, deliberately not contributed (so not in the palette). */
export const TEST_COMMANDS = {
  planState: 'waymark.plan.testState',
  ganttState: 'waymark.gantt.test.state',
  ganttReceive: 'waymark.gantt.test.receive',
  ganttBaseline: 'waymark.gantt.test.baseline',
  boardState: 'waymark.board.test.state',
  boardReceive: 'waymark.board.test.receive',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
export type TestCommandId = (typeof TEST_COMMANDS)[keyof typeof TEST_COMMANDS];
