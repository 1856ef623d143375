/** How Compose names a container in log prefixes and messages: `web-1` for `demo-web-1`, a custom `container_name` as it is. */
export function displayName(project: string, container: string): string {
  return container.startsWith(`${project}-`) ? container.slice(project.length + 1) : container;
}
