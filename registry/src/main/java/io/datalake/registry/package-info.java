package io.datalake.registry;
