from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.directory.demo import DEMO_CODE, DEMO_NAME, demo_load, demo_opendata_load
from tsunagari.directory.national_lines import national_lines_load
from tsunagari.directory.reference import taxonomy_seed


class Command(BaseCommand):
    help = (
        "Load the fictional demo municipality (sample data), the national consultation "
        "lines and the real open-data files in data/opendata/ (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        taxonomy_seed()
        lines = national_lines_load()
        demo = demo_load()
        self.stdout.write(
            f"デモ用の架空の自治体「{DEMO_NAME}」（{DEMO_CODE}）: サービス {demo.services} 件、"
            f"団体 {demo.organizations} 件、場所 {demo.locations} 件"
        )
        self.stdout.write(f"全国の相談窓口: {lines} 件")
        failed = []
        for outcome in demo_opendata_load():
            if outcome.result is not None:
                self.stdout.write(
                    f"オープンデータ {outcome.file}: {outcome.result.records} 件"
                    f"（{outcome.result.format}）"
                )
            else:
                failed.append(outcome.file)
                self.stderr.write(
                    f"オープンデータ {outcome.file} を取り込めませんでした"
                    f"（could not import）: {outcome.problem}"
                )
        # The staff side and the dashboard of the demo town (sample data too).
        from tsunagari.indicators.demo import demo_measures_load
        from tsunagari.organizations.demo import PASSWORD, demo_accounts_load

        measures = demo_measures_load()
        self.stdout.write(
            f"デモの人口表: {measures.population_cells} 区分、"
            f"デモの住民調査: 回答 {measures.responses} 件（新規）"
        )
        for username in demo_accounts_load():
            self.stdout.write(
                f"デモのスタッフ / demo staff: {username}（パスワード / password: {PASSWORD}）"
            )
        if failed:
            raise CommandError(
                f"{len(failed)} 件のファイルを取り込めませんでした（デモの生成データは登録済み）: "
                + ", ".join(failed)
            )
