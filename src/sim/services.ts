/** Every service the simulator serves. One import and one entry per service. */
import type { ServiceModule } from './types.js';
import { cloudwatchModule } from './services/cloudwatch/module.js';
import { stsModule } from './services/sts/module.js';
import { lambdaService } from './services/lambda/service.js';
import { elbv2Service } from './services/elbv2/service.js';
import { ecsService } from './services/ecs/service.js';
import { apigatewayv2Service } from './services/apigatewayv2/service.js';
import { taggingService } from './services/tagging/service.js';
import { iamService } from './services/iam/service.js';
import { logsService } from './services/logs/service.js';
import { ecrService } from './services/ecr/service.js';
import { sqsService } from './services/sqs/service.js';

export const serviceModules: ServiceModule[] = [
  cloudwatchModule,
  stsModule,
  lambdaService,
  elbv2Service,
  ecsService,
  apigatewayv2Service,
  taggingService,
  iamService,
  logsService,
  ecrService,
  sqsService,
];
