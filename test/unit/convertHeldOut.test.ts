/** Classes of wrong conversions found on held-out real Dockerfiles (issue 16 QA): each test fails on the old code. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, convertToMultiStage, convertToNginx, convertToRunArtifact, splitDevBuildRuntime } from '../../server/src/core/internal';
import { converted, reasonOf } from '../support/conversions';
import { df } from '../support/fixtures';

const copies = (text: string) => text.split('\n').filter((l) => l.startsWith('COPY --from='));

describe('held-out F1: a shell-form command is read as a shell command', () => {
  const go = (cmd: string, build = 'RUN cd server && go build -o main') => buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', build, 'EXPOSE 8081', cmd));

  it('`cd DIR && ./prog` keeps the binary at its path in DIR and the command as written', () => {
    for (const convert of [convertToMultiStage, splitDevBuildRuntime]) {
      const c = converted(convert(go('CMD cd server && ./main')));
      assert.deepEqual(copies(c.text), ['COPY --from=build /app/server/main /app/server/main']);
      assert.match(c.text, /^CMD cd server && \.\/main$/m);
      assert.doesNotMatch(c.text + c.notes.join('\n'), /\/usr\/local\/bin\/cd/);
    }
  });

  it('environment assignments before the program are not the program', () => {
    const c = converted(convertToMultiStage(go('CMD PORT=9000 ./bin/app', 'RUN go build -o bin/app .')));
    assert.deepEqual(copies(c.text), ['COPY --from=build /app/bin/app /app/bin/app']);
    assert.match(c.text, /^CMD PORT=9000 \.\/bin\/app$/m);
    assert.doesNotMatch(c.notes.join('\n'), /PORT=9000 still starts/);
  });

  it('a shell list (`sleep 2 && ./server/main`) names no program: the artifact keeps its build path', () => {
    const c = converted(convertToMultiStage(go('CMD sleep 2 && ./server/main')));
    assert.deepEqual(copies(c.text), ['COPY --from=build /app/server/main /app/server/main']);
    assert.match(c.text, /^CMD sleep 2 && \.\/server\/main$/m);
  });

  it('a program on PATH behind a `cd` is still moved onto PATH, and `go run` in a script is refused', () => {
    const c = converted(convertToMultiStage(go('CMD cd /app && server', 'RUN go build -o server .')));
    assert.deepEqual(copies(c.text), ['COPY --from=build /app/server /usr/local/bin/server']);
    assert.ok(!('text' in convertToMultiStage(go('CMD cd server && go run .', 'RUN go build ./...'))));
  });
});

describe('held-out F2: dev dependencies are pruned only after the last build-stage RUN', () => {
  it('a RUN after the build (`npm run seed`) still has the dev dependencies', () => {
    const model = buildModel(df('FROM node:20', 'WORKDIR /app', 'COPY package.json ./', 'RUN npm install', 'COPY . .', 'RUN npm run build', 'RUN npm run seed', 'EXPOSE 8082', 'CMD ["node", "dist/server.js"]'));
    const context = { packageJson: { scripts: { build: 'node build.js', seed: 'node seed.js' }, dependencies: [], devDependencies: ['left-pad'] }, lockFiles: [], cargoBins: [], csproj: [], files: ['package.json', 'build.js', 'seed.js'] };
    for (const convert of [convertToMultiStage, splitDevBuildRuntime]) {
      const c = converted(convert(model, { context }));
      const lines = c.text.split('\n');
      const prune = lines.indexOf('RUN npm prune --omit=dev');
      assert.ok(prune > lines.indexOf('RUN npm run seed'), c.text);
      assert.ok(lines.indexOf('RUN npm run seed') > 0);
    }
  });
});

describe('held-out R2: pip3, pip3.X and python3 -m pip are one pip install', () => {
  for (const pip of ['pip3 install', 'pip3.11 install', 'python3 -m pip install', 'python3.11 -m pip install']) {
    it(`\`${pip} -r requirements.txt\` converts, and the dev stage keeps the install`, () => {
      const model = buildModel(df('FROM python:3.11', 'WORKDIR /app', 'COPY requirements.txt .', `RUN ${pip} -r requirements.txt`, 'COPY . .', 'CMD ["python3", "app.py"]'));
      const c = converted(convertToMultiStage(model));
      assert.ok(c.validation.valid, JSON.stringify(c.validation.issues));
      assert.match(c.text, /^FROM python:3\.11-slim$/m);
      const d = converted(splitDevBuildRuntime(model));
      const dev = d.text.slice(0, d.text.indexOf('AS build'));
      assert.ok(dev.includes(`RUN ${pip} -r requirements.txt`), d.text);
    });
  }
});

describe('held-out F5: the runtime ldd check resolves the libraries a wheel bundles', () => {
  it('puts the site-packages *.libs directories on the search path of the check', () => {
    const model = buildModel(df('FROM python:3.11', 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'COPY app.py .', 'CMD ["python", "app.py"]'));
    const c = converted(convertToMultiStage(model));
    const check = c.text.split('\n').find((l) => /\bldd\b/.test(l));
    assert.ok(check, c.text);
    assert.match(check, /find \/usr\/local\/lib\/python3\.11\/site-packages -type d -name '\*\.libs'/);
    assert.match(check, /env LD_LIBRARY_PATH="\$libs" ldd/);
  });
});

describe('held-out R1: `npm install <package>` without package.json is a Node server build', () => {
  it('gets a slim runtime with the app directory and its node_modules', () => {
    const model = buildModel(df('FROM node:20', 'WORKDIR /app', 'COPY server.js .', 'RUN npm install express', 'EXPOSE 3000', 'CMD ["node", "server.js"]'));
    const c = converted(convertToMultiStage(model));
    assert.match(c.text, /^FROM node:20-slim$/m);
    assert.deepEqual(copies(c.text), ['COPY --from=build /app /app']);
    // The dependency install is the whole build, as with package.json: the dev split points to multi-stage.
    assert.match(reasonOf(splitDevBuildRuntime(model)), /no build step.*multi-stage conversion applies/);
    assert.match(reasonOf(convertToMultiStage(buildModel(df('FROM node:20', 'WORKDIR /app', 'COPY server.js .', 'RUN npm install -g pm2', 'CMD ["pm2-runtime", "server.js"]')))), /no build step/);
  });
});

describe('held-out R3: Create React App', () => {
  const model = buildModel(df('FROM node:20', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm install', 'COPY . .', 'RUN npm run build', 'EXPOSE 3000', 'CMD ["npm", "start"]'));
  const context = { packageJson: { name: 'exam', scripts: { start: 'react-scripts start', build: 'react-scripts build' }, dependencies: ['react', 'react-dom', 'react-scripts'], devDependencies: [] }, lockFiles: [], cargoBins: [], csproj: [], files: ['package.json'] };

  it('the nginx variant serves build/, read from the build script', () => {
    const c = converted(convertToNginx(model, { context }));
    assert.deepEqual(copies(c.text), ['COPY --from=build /app/build /usr/share/nginx/html']);
    assert.deepEqual(c.placeholders, []);
  });

  it('the run-artifact variant does not run the dev server as the built app', () => {
    assert.match(reasonOf(convertToRunArtifact(model, { context })), /Create React App dev server.*nginx variant/);
  });

  it('notes are computed after placeholders are filled', () => {
    const vite = { ...context, packageJson: { ...context.packageJson, scripts: { dev: 'vite', build: 'vite build' }, dependencies: ['react'] } };
    const dev = buildModel(df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD ["npm", "run", "dev"]'));
    const c = converted(convertToRunArtifact(dev, { context: vite, values: { __START_SCRIPT__: 'serve:prod' } }));
    assert.doesNotMatch(c.text + c.notes.join('\n'), /__START_SCRIPT__/);
  });
});

describe('held-out C2: a JRE of another vendor is named in the notes', () => {
  it('amazoncorretto:21 -> eclipse-temurin:21-jre says that the vendor and OS change', () => {
    const model = buildModel(df('FROM amazoncorretto:21', 'WORKDIR /app', 'COPY . .', 'RUN ./mvnw package -DskipTests', 'EXPOSE 8080', 'CMD ["java", "-jar", "target/app.jar"]'));
    const c = converted(convertToMultiStage(model));
    assert.match(c.text, /^FROM eclipse-temurin:21-jre$/m);
    assert.ok(c.notes.some((n) => /Amazon Corretto on Amazon Linux/.test(n) && /vendor and the operating system/.test(n)), c.notes.join('\n'));
  });
});
