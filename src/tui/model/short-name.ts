/** `demo-web-1` → `web-1`: a container's name without its project, as the panels show it. */
export function shortName(project: string, container: string): string {
  return container.startsWith(`${project}-`) ? container.slice(project.length + 1) : container;
}
