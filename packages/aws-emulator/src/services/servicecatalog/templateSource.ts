// Where an artifact's template comes from: the S3 object its
// LoadTemplateFromURL names, read and validated when the artifact is made.
import type { CallContext } from '../../context.ts';
import type { AwsError } from '../../errors.ts';
import {
  type Template,
  parseTemplateText,
  templateProblems,
} from '../cloudformation/template.ts';
import { readObject } from '../s3/index.ts';
import { invalid } from './requests.ts';

/** The bucket and key a template URL names: virtual-hosted, path-style, or the emulator's own. */
export function s3Location(
  url: string,
  endpoint: string,
): { bucket: string; key: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname.split('/').slice(1).map(decodeURIComponent);
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/.exec(
    parsed.hostname,
  );
  if (virtual && parsed.protocol === 'https:')
    return { bucket: virtual[1], key: path.join('/') };
  const pathStyle =
    (parsed.protocol === 'https:' &&
      /^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/.test(parsed.hostname)) ||
    parsed.host === new URL(endpoint).host;
  if (pathStyle && path.length >= 2 && path[0])
    return { bucket: path[0], key: path.slice(1).join('/') };
  return undefined;
}

/**
 * Reads and validates the template an artifact's Info names; the refusal
 * is InvalidParametersException, as Service Catalog answers.
 */
export function loadArtifactTemplate(
  ctx: CallContext,
  parameters: any,
): { templateBody: string; templateUrl: string } {
  const info = parameters?.Info ?? {};
  if (parameters?.Type && parameters.Type !== 'CLOUD_FORMATION_TEMPLATE') {
    throw invalid(
      `Provisioning artifact type ${parameters.Type} is not supported by the emulator; use CLOUD_FORMATION_TEMPLATE.`,
    );
  }
  if (info.ImportFromPhysicalId) {
    throw invalid(
      'ImportFromPhysicalId is not supported by the emulator; give LoadTemplateFromURL.',
    );
  }
  const url = info.LoadTemplateFromURL;
  if (typeof url !== 'string' || !url) {
    throw invalid(
      'Info needs LoadTemplateFromURL: the S3 URL of the CloudFormation template.',
    );
  }
  const location = s3Location(url, ctx.endpoint);
  if (!location) {
    throw invalid(
      `LoadTemplateFromURL ${url} does not name an S3 object: use https://<bucket>.s3.<region>.amazonaws.com/<key>, https://s3.<region>.amazonaws.com/<bucket>/<key> or ${ctx.endpoint}/<bucket>/<key>.`,
    );
  }
  let templateBody: string;
  try {
    templateBody = readObject(
      ctx.state,
      ctx.caller.accountId,
      location.bucket,
      location.key,
    ).body;
  } catch (error) {
    const e = error as AwsError;
    throw invalid(
      `Unable to retrieve the template from ${url}: ${e.code}: ${e.message}`,
    );
  }
  const problems = templateValidation(
    templateBody,
    parameters?.DisableTemplateValidation === true,
  );
  if (problems.length) {
    throw invalid(
      `The template at ${url} is not valid: ${problems.join('; ')}`,
    );
  }
  return { templateBody, templateUrl: url };
}

/** CloudFormation's validation of a template's text; `lenient` leaves resource types to the stack. */
export function templateValidation(text: string, lenient = false): string[] {
  let template: Template;
  try {
    template = parseTemplateText(text);
  } catch (error) {
    return [(error as Error).message];
  }
  return templateProblems(template, { types: !lenient });
}
