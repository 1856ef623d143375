import { describe, expect, it } from 'vitest';
import type { Project } from '../../../src/compose-spec/model/index.js';
import { renderProject } from '../../../src/compose-spec/render/index.js';

function yaml(project: unknown): string {
  return renderProject(project as Project, 'yaml');
}

describe('renderProject as YAML', () => {
  it('prints a small project as docker compose config does', () => {
    const project = {
      name: 'shop',
      services: {
        web: {
          image: 'nginx:1.27',
          depends_on: { db: { condition: 'service_healthy', required: true } },
          environment: { MODE: 'production', PORT: '8080', UNSET: null },
          networks: { default: null },
          ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
        },
        db: {
          image: 'postgres:15',
          healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'], interval: '10s', retries: 5 },
          networks: { default: null },
          volumes: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data', volume: {} }],
        },
      },
      networks: { default: { name: 'shop_default' } },
      volumes: { data: { name: 'shop_data' } },
    };
    expect(yaml(project)).toBe(`name: shop
services:
  db:
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready -U postgres
      interval: 10s
      retries: 5
    image: postgres:15
    networks:
      default: null
    volumes:
      - type: volume
        source: data
        target: /var/lib/postgresql/data
        volume: {}
  web:
    depends_on:
      db:
        condition: service_healthy
        required: true
    environment:
      MODE: production
      PORT: "8080"
      UNSET: null
    image: nginx:1.27
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8080"
        protocol: tcp
networks:
  default:
    name: shop_default
volumes:
  data:
    name: shop_data
`);
  });

  it('keeps compose-go field order inside a service, whatever order the model holds', () => {
    const project = {
      name: 'p',
      services: { app: { working_dir: '/app', user: 'node', image: 'node:20', command: ['npm', 'start'], build: { dockerfile: 'Dockerfile', context: '/src/app' } } },
    };
    expect(yaml(project)).toBe(`name: p
services:
  app:
    build:
      context: /src/app
      dockerfile: Dockerfile
    command:
      - npm
      - start
    image: node:20
    user: node
    working_dir: /app
`);
  });

  it('leaves out what Go omits when empty, and keeps pointers set to zero values', () => {
    const project = {
      name: 'p',
      services: { app: { image: 'busybox', privileged: false, tty: false, init: false, attach: false, read_only: true, cap_add: [], labels: {}, command: [] } },
    };
    expect(yaml(project)).toBe(`name: p
services:
  app:
    attach: false
    command: []
    image: busybox
    init: false
    read_only: true
`);
  });

  it('prints Go value forms: durations, byte sizes, file modes, ulimits and float32 numbers', () => {
    const project = {
      name: 'p',
      services: {
        app: {
          image: 'busybox',
          cpus: 0.5,
          mem_limit: '1073741824',
          secrets: [{ source: 'token', target: '/run/secrets/token', uid: '103', mode: '0440' }],
          stop_grace_period: '1m30s',
          ulimits: { nofile: { soft: 20000, hard: 40000 }, nproc: 65535 },
          deploy: { update_config: { parallelism: 2, delay: '10s', monitor: '1m0s', max_failure_ratio: 0.3 } },
        },
      },
    };
    expect(yaml(project)).toBe(`name: p
services:
  app:
    cpus: 0.5
    deploy:
      update_config:
        parallelism: 2
        delay: 10s
        monitor: 1m0s
        max_failure_ratio: 0.3
    image: busybox
    mem_limit: "1073741824"
    secrets:
      - source: token
        target: /run/secrets/token
        uid: "103"
        mode: "0440"
    stop_grace_period: 1m30s
    ulimits:
      nofile:
        soft: 20000
        hard: 40000
      nproc: 65535
`);
  });

  it('writes multi-line strings as literal blocks and quotes strings only when needed', () => {
    const project = {
      name: 'p',
      services: {
        app: {
          build: { context: '/src', dockerfile_inline: 'FROM alpine\nRUN echo "hello" > /world.txt\n' },
          command: ['sh', '-c', 'echo $HOME', '*', '- x', 'key: value', 'yes', '', '12:30', ' padded'],
          labels: { 'com.example.empty': '', 'com.example.number': '42', on: 'true' },
        },
      },
    };
    expect(yaml(project)).toBe(`name: p
services:
  app:
    build:
      context: /src
      dockerfile_inline: |
        FROM alpine
        RUN echo "hello" > /world.txt
    command:
      - sh
      - -c
      - echo $$HOME
      - '*'
      - '- x'
      - 'key: value'
      - "yes"
      - ""
      - "12:30"
      - ' padded'
    labels:
      com.example.empty: ""
      com.example.number: "42"
      "on": "true"
`);
  });

  it('sorts map keys in natural order and prints extensions after the fields', () => {
    const project = {
      name: 'p',
      services: {
        web10: { image: 'a', 'x-b': 1, 'x-a': { nested: true } },
        web2: { image: 'b' },
        Web: { image: 'c' },
      },
      'x-common': ['one'],
    };
    expect(yaml(project)).toBe(`name: p
services:
  Web:
    image: c
  web2:
    image: b
  web10:
    image: a
    x-a:
      nested: true
    x-b: 1
x-common:
  - one
`);
  });

  it('prints top-level resources in compose-go order and hides a secret content', () => {
    const project = {
      name: 'p',
      services: { app: { image: 'busybox', network_mode: 'host' } },
      configs: { settings: { name: 'p_settings', content: 'a=1\n' }, fromenv: { name: 'p_fromenv', environment: 'SETTINGS', content: 'hidden' } },
      secrets: { token: { name: 'p_token', content: 'sensitive' }, cert: { name: 'cert', external: true } },
      volumes: { data: { name: 'p_data', driver: 'local', driver_opts: { type: 'tmpfs', device: 'tmpfs' }, labels: { team: 'a' } } },
      networks: { back: { name: 'p_back', internal: true, ipam: { config: [{ subnet: '172.28.0.0/16', gateway: '172.28.0.1' }] } }, front: { name: 'p_front', ipam: {} } },
    };
    expect(yaml(project)).toBe(`name: p
services:
  app:
    image: busybox
    network_mode: host
networks:
  back:
    name: p_back
    ipam:
      config:
        - subnet: 172.28.0.0/16
          gateway: 172.28.0.1
    internal: true
  front:
    name: p_front
volumes:
  data:
    name: p_data
    driver: local
    driver_opts:
      device: tmpfs
      type: tmpfs
    labels:
      team: a
secrets:
  cert:
    name: cert
    external: true
  token:
    name: p_token
configs:
  fromenv:
    name: p_fromenv
    environment: SETTINGS
  settings:
    name: p_settings
    content: |
      a=1
`);
  });

  it('prints bind mounts with create_host_path only when it is false', () => {
    const project = {
      name: 'p',
      services: {
        app: {
          image: 'busybox',
          volumes: [
            { type: 'bind', source: '/src', target: '/app', bind: { create_host_path: true } },
            { type: 'bind', source: '/etc/app', target: '/etc/app', read_only: true, bind: { create_host_path: false, selinux: 'z' } },
            { type: 'tmpfs', target: '/tmp', tmpfs: { size: '10000', mode: 1023 } },
          ],
        },
      },
    };
    expect(yaml(project)).toBe(`name: p
services:
  app:
    image: busybox
    volumes:
      - type: bind
        source: /src
        target: /app
        bind: {}
      - type: bind
        source: /etc/app
        target: /etc/app
        read_only: true
        bind:
          selinux: z
          create_host_path: false
      - type: tmpfs
        target: /tmp
        tmpfs:
          size: "10000"
          mode: 1023
`);
  });

  it('doubles every dollar sign so the output reads back without interpolation', () => {
    const project = { name: 'p', services: { app: { image: 'busybox', environment: { PRICE: '$5', RAW: '$$' } } } };
    expect(yaml(project)).toContain(`      PRICE: $$5\n      RAW: $$$$\n`);
  });
});
