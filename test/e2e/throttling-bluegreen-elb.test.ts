/**
 * Throttling storms against an ECS blue/green deployment's ELBv2 and CloudWatch calls (the storms themselves: test/fakes/throttling-storms.ts).
 */
import { test } from 'uvu';
import { stormRows } from '../fakes/throttling-storms.js';

stormRows('ecs-bluegreen', ['elbv2', 'cloudwatch']);

test.run();
