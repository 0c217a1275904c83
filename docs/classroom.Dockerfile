# The single-user image for a class on Kubernetes (Zero to JupyterHub):
# Jupyter from the Jupyter Docker Stacks, plus the stepwise binary and its
# kernelspec. See docs/classroom.md, "Kubernetes".
#
# Build it from the repository root and push it where the cluster pulls from:
#
#   docker build -f docs/classroom.Dockerfile -t registry.example.org/course/stepwise:2026-1 .
#   docker push registry.example.org/course/stepwise:2026-1
#
# (This file was not built on the machine the guide was tested on, which has
# no Docker; every command in it was run there outside a container.)

# --- build: a static binary, no Go toolchain needed at run time
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/stepwise ./cmd/stepwise \
 && /out/stepwise version

# --- run: pin the base image to a dated tag for a course
ARG BASE=quay.io/jupyter/minimal-notebook:latest
FROM ${BASE}

COPY --from=build /out/stepwise /usr/local/bin/stepwise

# The kernelspec goes into the image's own Python environment (/opt/conda),
# where its Jupyter looks. GOMEMLIMIT keeps the Go heap below the pod's memory
# limit (singleuser.memory.limit in the chart); keep the two in step.
ARG GOMEMLIMIT=400MiB
RUN stepwise install --sys-prefix --env GOMEMLIMIT=${GOMEMLIMIT} \
 && jupyter kernelspec list

# The lessons, outside the home directory (a per-student volume is mounted
# over /home/jovyan). docs/classroom.md shows how to copy them in at start.
COPY --chown=${NB_UID}:${NB_GID} notebooks/*.ipynb /srv/lessons/
