import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { MlProjectsHomeCard } from '@mlgov/plugin-ml-environments';

/**
 * The first screen after sign-in: what this Backstage is for, the user's
 * ML projects, and the three steps of a newcomer's first day.
 */
export function HomePage() {
  const title = useApi(configApiRef).getOptionalString('app.title');
  return (
    <Page themeId="home">
      <Header
        title={title ?? 'Backstage'}
        subtitle="Governed machine-learning environments on AWS"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={7}>
            <InfoCard title="ML projects">
              <MlProjectsHomeCard />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title="Your first day">
              <Typography component="ol" variant="body2">
                <li>
                  <Link to="/create" underline="always">
                    Create an ML project
                  </Link>{' '}
                  from the template of its pattern (sandbox, development on
                  corporate data, MLOps): your team gets its AWS accounts,
                  guardrails and SageMaker Studio in minutes.
                </li>
                <li>
                  Open its <strong>ML environment</strong> tab: every account,
                  whether its guardrails hold and why, and{' '}
                  <strong>Open SageMaker Studio</strong>.
                </li>
                <li>
                  Read its onboarding guide under{' '}
                  <Link to="/docs" underline="always">
                    Docs
                  </Link>
                  : what the accounts are for, what is allowed where, how to get
                  data and how to ask for an exception.
                </li>
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
