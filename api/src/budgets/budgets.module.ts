import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { EventsModule } from '../events/events.module';
import { BudgetsResolver, BudgetVsActualResolver } from './budgets.resolver';
import { BudgetsService } from './budgets.service';

@Module({
  imports: [DirectoryModule, EventsModule],
  providers: [BudgetsResolver, BudgetVsActualResolver, BudgetsService],
})
export class BudgetsModule {}
