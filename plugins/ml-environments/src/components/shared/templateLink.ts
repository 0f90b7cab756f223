/**
 * A template's page with the project filled in: the scaffolder reads the
 * form's first values from the `formData` query parameter.
 */
export function templateFor(path: string, project: string) {
  return `${path}?${new URLSearchParams({
    formData: JSON.stringify({ project }),
  })}`;
}
