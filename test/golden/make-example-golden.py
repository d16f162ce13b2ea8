"""Renders every templated definition of examples/ with Python's Jinja2, the reference gitmoxi must match.

Run by hand after changing an example: python3 test/golden/make-example-golden.py
Writes test/golden/examples/<example>/<path>, with sensitive Terraform values replaced by (sensitive),
as `gitmoxi render` prints them.
"""
import glob
import json
import os

import jinja2

here = os.path.dirname(os.path.abspath(__file__))
examples = os.path.join(here, '..', '..', 'examples')
env = jinja2.Environment(undefined=jinja2.StrictUndefined)

for input_path in sorted(glob.glob(os.path.join(examples, '*', '**', '*input.json'), recursive=True)):
    rel = os.path.relpath(input_path, examples)
    example = rel.split(os.sep)[0]
    root = os.path.join(examples, example)
    data = json.load(open(input_path))
    ref = data.pop('ref')
    files = ref['file'] if isinstance(ref['file'], list) else [ref['file']]
    variables, secrets = {}, []
    for name in files:
        for key, output in json.load(open(os.path.join(root, name))).items():
            variables[key] = output['value']
            if output.get('sensitive'):
                secrets.append(output['value'])
    variables.update(data)
    prefix = input_path.rsplit('_', 1)[0]
    for path in sorted(glob.glob(prefix + '_*.json')):
        if path.endswith('input.json'):
            continue
        text = env.from_string(open(path).read()).render(**variables)
        for secret in secrets:
            text = text.replace(secret, '(sensitive)')
        out = os.path.join(here, 'examples', example, os.path.relpath(path, root))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, 'w') as f:
            f.write(text)
        print('wrote', os.path.relpath(out, here))
