// The commented starter project.yml that `waymark init` and VS Code's
// "Create project.yml" both write.

/** A starter plan that teaches the format by example; every line is valid. */
export function starterPlan(name: string, today: string): string {
  const key = name.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase() || 'PRJ';
  return `# The plan for ${name}, kept next to the code. Waymark reads it, links
# commits that mention a task id (${key}-1) and closes a task when a commit on the
# default branch says "fixes ${key}-1". Every key: docs/format.md (VS Code: "Waymark: Read the Format").
version: 1

project:
  name: ${JSON.stringify(name)}
  key: ${key}                      # new tasks get ${key}-<next number>
  start: ${today}
  calendar:
    workdays: [mon, tue, wed, thu, fri]
    hoursPerDay: 8

people:
  - id: me
    name: Your Name
    email: you@example.com         # matches your commits to you
    capacity: 1                    # share of a full working day

milestones:
  - id: first-release
    title: First release
    tasks:
      - id: ${key}-1
        title: Write down the first task
        status: todo               # todo | in-progress | review | blocked | done | dropped
        assignee: me
        estimate: 2d               # h, d or w of work; a bare number means days
      - id: ${key}-2
        title: A task that waits for the first one
        estimate: 4h
        depends: [${key}-1]

backlog: []

risks: []
`;
}
