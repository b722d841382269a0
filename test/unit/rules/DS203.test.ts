import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS203 apt-get install without --no-install-recommends', () => {
  it('reports the install in the final image, across continuation lines', () => {
    const r = expectAt('DS203', lines('FROM debian:12', 'RUN apt-get update \\', '    && apt-get «install» -y curl \\', '    && rm -rf /var/lib/apt/lists/*'));
    assert.match(r[0].finding.message, /installs recommended packages too/);
  });

  it('leaves build stages, the flag and apt configuration alone', () => {
    expectNone('DS203', lines('FROM debian:12 AS build', 'RUN apt-get install -y gcc', 'FROM debian:12-slim', 'COPY --from=build /a /a'));
    expectNone('DS203', lines('FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'));
    expectNone('DS203', lines('FROM debian:12', 'RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/norec', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
    expectNone('DS203', lines('FROM debian:12', 'RUN apt-get -o APT::Install-Recommends=0 install -y curl && rm -rf /var/lib/apt/lists/*'));
    expectNone('DS203', lines('FROM debian:12', 'COPY <<EOF /etc/apt/apt.conf.d/norec', 'APT::Install-Recommends "false";', 'EOF', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
  });

  it('inserts the flag after install, keeping the continuation lines', () => {
    const after = applyFix('DS203', lines('FROM debian:12', 'RUN apt-get update \\', '    # the tools', '    && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*'));
    assert.equal(after, lines('FROM debian:12', 'RUN apt-get update \\', '    # the tools', '    && apt-get install --no-install-recommends -y curl \\', '    && rm -rf /var/lib/apt/lists/*'));
  });
});
