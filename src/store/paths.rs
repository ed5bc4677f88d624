//! Where peta keeps its own files: the config folder (config.json, themes) and the data folder
//! (recent files). `PETA_CONFIG_DIR` and `PETA_DATA_DIR` override them, so tests never touch
//! the real home.

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("id", "peta", "peta")
}

pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("PETA_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("PETA_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}
