import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS301 COPY of the context before the dependency install', () => {
  it('reports COPY . . before npm ci', () => {
    const r = expectAt('DS301', lines('FROM node:20-slim', 'WORKDIR /app', '«COPY . .»', 'RUN npm ci', 'CMD ["node", "index.js"]'));
    assert.match(r[0].finding.message, /comes before 'npm ci' \(line 4\).*copy package\*\.json first/);
  });

  it('reads the install in an exec-form RUN', () => {
    const r = expectAt('DS301', lines('FROM maven:3.9-eclipse-temurin-21', '«COPY ./ /src»', 'WORKDIR /src', 'RUN ["mvn", "clean", "install"]'));
    assert.match(r[0].finding.message, /comes before 'mvn' \(line 4\)/);
  });

  it('accepts the manifest copied first, and installs that need nothing from the context', () => {
    expectNone('DS301', lines('FROM node:20-slim', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'));
    expectNone('DS301', lines('FROM python:3.12-slim', 'COPY . .', 'RUN echo built'));
    expectNone('DS301', lines('FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build', 'COPY Api.csproj .', 'RUN dotnet restore', 'COPY . .', 'RUN dotnet publish -c Release -o /out'));
  });

  it('moves an install-only RUN above the COPY, after a COPY of the manifests', () => {
    const after = applyFix('DS301', lines('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "index.js"]'));
    assert.equal(after, lines('FROM node:20-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'CMD ["node", "index.js"]'));
  });

  it('moves a pip install -r with its continuation lines and flags', () => {
    const after = applyFix('DS301', lines('FROM python:3.12-slim', 'COPY . /app', 'RUN --mount=type=cache,target=/root/.cache/pip \\', '    pip install -r requirements.txt', 'CMD ["python", "/app/main.py"]'));
    assert.equal(after, lines('FROM python:3.12-slim', 'COPY requirements.txt /app/', 'RUN --mount=type=cache,target=/root/.cache/pip \\', '    pip install -r requirements.txt', 'COPY . /app', 'CMD ["python", "/app/main.py"]'));
  });

  it('pre-downloads Go modules before the COPY when the RUN also builds', () => {
    const after = applyFix('DS301', lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'));
    assert.equal(after, lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'));
  });

  it('accepts a cargo-chef layout: the dependencies are cooked from the recipe before the sources are copied', () => {
    expectNone(
      'DS301',
      lines(
        'FROM rust:1.80 AS chef',
        'RUN cargo install cargo-chef',
        'WORKDIR /app',
        'FROM chef AS planner',
        'COPY . .',
        'RUN cargo chef prepare --recipe-path recipe.json',
        'FROM chef AS builder',
        'COPY --from=planner /app/recipe.json recipe.json',
        'RUN cargo chef cook --release --recipe-path recipe.json',
        'COPY . .',
        'RUN cargo build --release',
      ),
    );
  });

  it('counts an install in the stage it is built FROM (FROM deps AS build)', () => {
    expectNone('DS301', lines('FROM golang:1.24-alpine AS deps', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'FROM deps AS build', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .'));
  });
});

