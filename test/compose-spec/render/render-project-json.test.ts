import { describe, expect, it } from 'vitest';
import type { Project } from '../../../src/compose-spec/model/index.js';
import { renderProject } from '../../../src/compose-spec/render/index.js';

function json(project: unknown): string {
  return renderProject(project as Project, 'json');
}

describe('renderProject as JSON', () => {
  it('prints Go MarshalIndent output: sorted top-level keys, null commands, empty ipam, no trailing newline', () => {
    const project = {
      name: 'shop',
      services: {
        web: {
          image: 'nginx',
          networks: { default: null },
          ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
          'x-note': 'dropped in JSON, as compose-go does',
        },
      },
      networks: { default: { name: 'shop_default' } },
      'x-top': 1,
    };
    expect(json(project)).toBe(`{
  "name": "shop",
  "networks": {
    "default": {
      "name": "shop_default",
      "ipam": {}
    }
  },
  "services": {
    "web": {
      "command": null,
      "entrypoint": null,
      "image": "nginx",
      "networks": {
        "default": null
      },
      "ports": [
        {
          "mode": "ingress",
          "target": 80,
          "published": "8080",
          "protocol": "tcp"
        }
      ]
    }
  },
  "x-top": 1
}`);
  });

  it('escapes HTML characters and keeps struct values that YAML would leave out', () => {
    const project = {
      name: 'p',
      services: {
        app: {
          image: 'busybox',
          command: ['sh', '-c', 'echo a > b && cat <c'],
          deploy: { replicas: 2 },
          ulimits: { nofile: { soft: 10, hard: 20 } },
        },
      },
    };
    expect(json(project)).toBe(`{
  "name": "p",
  "services": {
    "app": {
      "command": [
        "sh",
        "-c",
        "echo a \\u003e b \\u0026\\u0026 cat \\u003cc"
      ],
      "deploy": {
        "replicas": 2,
        "resources": {},
        "placement": {}
      },
      "entrypoint": null,
      "image": "busybox",
      "ulimits": {
        "nofile": {
          "soft": 10,
          "hard": 20
        }
      }
    }
  }
}`);
  });

  it('prints untagged Go fields under their Go names', () => {
    const project = {
      name: 'p',
      services: { app: { image: 'busybox', blkio_config: { weight: 300, weight_device: [{ path: '/dev/sda', weight: 400 }] } } },
    };
    expect(json(project)).toContain(`"weight_device": [
          {
            "Path": "/dev/sda",
            "Weight": 400
          }
        ]`);
  });
});
