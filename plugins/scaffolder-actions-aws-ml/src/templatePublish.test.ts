import { ConfigReader } from '@backstage/config';
import { readTemplatePublishSettings } from './templatePublish';

const read = (publish?: object) =>
  readTemplatePublishSettings(
    new ConfigReader(
      publish ? { mlEnvironments: { templates: { publish } } } : {},
    ),
  );

describe('readTemplatePublishSettings', () => {
  it('is none when not configured, so templates skip publishing', () => {
    expect(read()).toEqual({ target: 'none', host: '', owner: '' });
  });

  it('defaults the host per provider', () => {
    expect(read({ target: 'github', owner: 'acme-ml' })).toEqual({
      target: 'github',
      host: 'github.com',
      owner: 'acme-ml',
    });
    expect(
      read({ target: 'gitlab', owner: 'ml', host: 'gitlab.acme.com' }),
    ).toEqual({ target: 'gitlab', host: 'gitlab.acme.com', owner: 'ml' });
    expect(read({ target: 'local' }).target).toBe('local');
  });

  it('names the key of a wrong setting', () => {
    expect(() => read({ target: 'bitbucket' })).toThrow(
      "Invalid configuration at mlEnvironments.templates.publish.target: 'bitbucket'; use github, gitlab or local",
    );
    expect(() => read({ target: 'github' })).toThrow(
      /Missing configuration at mlEnvironments\.templates\.publish\.owner/,
    );
  });
});
