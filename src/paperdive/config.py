"""Settings: a `paperdive.toml` in the working directory, overridable by PAPERDIVE_* env vars.

API keys are never stored here; backends read them from their own environment variables.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from paperdive.errors import ConfigError
from paperdive.models import HostRole


class HostConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a typo'd key is an error, not a silent default

    name: str
    voice: str  # "ENGINE:VOICE", e.g. "kokoro:jm_kumo"


DEFAULT_TOPICS = (
    "Large language models: how they are trained, post-trained, evaluated and served. "
    "Autonomous agents that plan, call tools and act in software environments, and agentic "
    "coding, where models write, run, test and repair code in real repositories. "
    "Reinforcement learning for agents and reasoning models: rewards, verifiers, search. "
    "Evaluation and benchmarks that measure what models really do. Alignment and safety: "
    "preference optimization, oversight, red-teaming, failure modes. Inference engineering: "
    "serving systems, KV caches, quantization, speculative decoding, long context."
)


class ShowConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = "Paperdive: AI Papers, Read Closely"
    author: str = "paperdive"
    email: str | None = None
    description: str = (
        "Two hosts, one paper per episode: the problem it attacks, how the method works, "
        "the math that matters, what the experiments do and don't show, and the strongest "
        "critique. Scripts are written from a close reading of each paper and checked "
        "against it; voices are synthesized."
    )
    base_url: str = "http://localhost:8000"
    language: str = "en"
    categories: list[str] = Field(default_factory=lambda: ["Technology", "Science"])
    explicit: bool = False
    cover: Path | None = None  # PNG/JPEG, square, 1400-3000 px; a generated one when unset
    # what `paperdive daily` picks from: arXiv categories (not the podcast `categories` above),
    # the show's topics in a few sentences, and arXiv ids of papers the show loves
    arxiv_categories: list[str] = Field(default_factory=lambda: ["cs.AI", "cs.CL"])
    topics: str = DEFAULT_TOPICS
    examples: list[str] = Field(default_factory=list)


class DailyConfig(BaseModel):
    """`paperdive daily`: how many episodes a day, how to rank, how long each episode is."""

    model_config = ConfigDict(extra="forbid")

    count: int = Field(default=1, ge=0, le=20)
    ranker: str = "hybrid"  # hybrid | tfidf-svm | minilm-svm | minilm-cosine (daily/rank.py)
    minutes: float = Field(default=25.0, ge=1, le=120)


def _default_hosts() -> dict[HostRole, HostConfig]:
    return {
        "explainer": HostConfig(name="Nora", voice="kokoro:jf_gongitsune"),
        "skeptic": HostConfig(name="Theo", voice="kokoro:jm_kumo"),
    }


CONFIG_FILE_ENV = "PAPERDIVE_CONFIG"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PAPERDIVE_", env_nested_delimiter="__", toml_file="paperdive.toml"
    )

    library: Path = Path("show")  # episode folders, the SQLite index and site/ live here
    llm: str = "extractive"  # BACKEND[:MODEL]; "extractive" is the embedded offline writer
    # --max-cost: USD of list-price model spending a run may not pass (checked before each call)
    max_cost_usd: float | None = Field(default=None, gt=0)
    tts: str = "default"  # voice preset: default | fast | elevenlabs | openai
    hosts: dict[HostRole, HostConfig] = Field(default_factory=_default_hosts)
    show: ShowConfig = Field(default_factory=ShowConfig)
    lexicon: Path | None = None  # extra pronunciations, TOML `WORD = "spoken form"`
    # the arXiv export API (PAPERDIVE_ARXIV_API); a mirror or a localhost fixture can stand in
    arxiv_api: str = "https://export.arxiv.org/api/query"
    daily: DailyConfig = Field(default_factory=DailyConfig)

    @field_validator("arxiv_api")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s):// URL")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get(CONFIG_FILE_ENV, "paperdive.toml")
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
        )


def load_settings(**overrides: object) -> Settings:
    """The settings, or a ConfigError naming the file and the first bad key."""
    toml_file = os.environ.get(CONFIG_FILE_ENV, "paperdive.toml")
    try:
        given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
        return Settings(**given)  # not model_validate: that would wrap a file's decode error
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{toml_file} is not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{toml_file} is not a text file (TOML must be UTF-8)") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        if first["type"] == "extra_forbidden":
            raise ConfigError(
                f"unknown setting {where} (in {toml_file} or a PAPERDIVE_ variable): "
                "check its spelling"
            ) from None
        raise ConfigError(f"invalid setting {where}: {first['msg']}") from None
