"""Settings: a `paperdive.toml` in the working directory, overridable by PAPERDIVE_* env vars.

API keys are never stored here; backends read them from their own environment variables.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from paperdive.errors import ConfigError
from paperdive.models import HostRole


class HostConfig(BaseModel):
    name: str
    voice: str  # "ENGINE:VOICE", e.g. "kokoro:jm_kumo"


class ShowConfig(BaseModel):
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
    tts: str = "default"  # voice preset: default | fast | elevenlabs | openai
    hosts: dict[HostRole, HostConfig] = Field(default_factory=_default_hosts)
    show: ShowConfig = Field(default_factory=ShowConfig)
    lexicon: Path | None = None  # extra pronunciations, TOML `WORD = "spoken form"`

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
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except tomllib.TOMLDecodeError as exc:
        toml_file = os.environ.get(CONFIG_FILE_ENV, "paperdive.toml")
        raise ConfigError(f"{toml_file} is not valid TOML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting {where}: {first['msg']}") from None
